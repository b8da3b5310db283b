package org.originhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originhub.block.BlockRegistry;
import org.originhub.block.UtilityBlock;
import org.originhub.store.CertificateStore;

/**
 * GET /api/v1/blocks and /api/v1/blocks/{id}: what the hub is configured to do, block by block, with its three
 * parts and live figures; POST /api/v1/blocks/reload re-reads the block files.
 */
public class BlockQueries {

    private final BlockRegistry registry;
    private final CertificateStore store;

    public BlockQueries(BlockRegistry registry, CertificateStore store) {
        this.registry = registry;
        this.store = store;
    }

    public List<Map<String, Object>> list() {
        return registry.definitions().stream().map(this::describe).toList();
    }

    public Map<String, Object> show(String id) {
        return registry.definition(id).map(this::describe).orElseThrow(() -> new BlockNotFoundException(id));
    }

    /** Reloads every block file; a broken one is refused (BlockConfigurationException) and nothing changes. */
    public List<Map<String, Object>> reload() {
        registry.reload();
        return list();
    }

    private Map<String, Object> describe(UtilityBlock block) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", block.id());
        answer.put("name", block.name());
        answer.put("status", block.active() ? "ACTIVE" : "RETIRED");
        if (!block.active()) {
            answer.put("retired", block.retired());
        }
        answer.put("agreement", block.agreement());
        answer.put("partners", block.process().entities().partners());
        answer.put("rationale", block.rationale());
        answer.put("process", block.process());
        answer.put("technical", block.technical());
        answer.put("figures", store.figures(block.id()));
        return answer;
    }
}
