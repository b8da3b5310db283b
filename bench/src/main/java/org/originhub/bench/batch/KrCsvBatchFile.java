package org.originhub.bench.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a kr-csv batch file (national-formats.md §2) of about a given size: certificates of {@value #ITEMS} goods
 * items each, KR → ID under AKFTA, as the sample's two certificates are, with numbers unique to the run
 * ({@code B<tag>-<n>}). Every certificate passes every check of the benchmark hub (bench/batch/hub): the item mix
 * covers the four origin criteria with what each requires (CTC a level, RVC a percentage and an FOB value), quoted
 * fields with the separator and doubled quotes, decimal commas, and every unit and package type of the format.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.originhub.bench.batch.KrCsvBatchFile 10 batch-10.csv [tag]</pre>
 */
public final class KrCsvBatchFile {

    /** Goods items per certificate: realistic for a consignment, under the AKFTA block's 50. */
    static final int ITEMS = 40;

    /** Two exporters, as the sample: %1$s certificate number, %2$s invoice number. */
    private static final List<String> HEADERS = List.of(
            "H;%1$s;20250512;AKFTA;AK;KR-KCS;Korea Customs Service;HANBIT STEEL CO., LTD.;1248100998;"
                    + "\"12, Gongdan-ro; Nam-gu\";Pohang;KOR;PT BAJA JAYA;Jl. Industri Raya No. 5;Cilegon;IDN;20250514;SEA;"
                    + "KRPUS;IDJKT;HANJIN BUSAN 0042W;%2$s;20250509;",
            "H;%1$s;20250512;AKFTA;AK;KR-KCS;Korea Customs Service;대한정밀(주);2208134455;경기도 안산시 단원구 산단로 77;"
                    + "Ansan;KOR;PT MESIN NUSANTARA;Kawasan Industri Pulogadung Blok C;Jakarta;IDN;20250515;AIR;KRICN;IDCGK;"
                    + ";%2$s;20250510;Urgent spare parts");

    /** Goods items after ITEM_NO: HS;DESC;CRIT;CRIT_SUB;CRIT_PCT;QTY;QTY_UNIT;GROSS;GROSS_UNIT;PKG_QTY;PKG_TYPE;FOB;CUR. */
    private static final List<String> ITEM_TEMPLATES = List.of(
            "720851;HOT ROLLED STEEL PLATE, THICKNESS > 10MM;D;;45;55,5;TON;56200;KGS;12;BDL;56200,00;USD",
            "731815;BOLTS OF IRON OR STEEL;C;CTH;;1,2;TON;1250;KGS;30;CT;4100,50;USD",
            "848210;\"BALL BEARINGS \"\"SERIES 6200\"\"\";A;;;500;PCS;85,4;KGS;5;BOX;3900;USD",
            "721049;\"FLAT-ROLLED STEEL, ZINC COATED; WIDTH >= 600MM\";C;CTSH;;18,25;TON;18400;KGS;6;PLT;14820,75;USD",
            "870899;PARTS FOR MOTOR VEHICLE GEARBOXES;D;;52,5;1200;PCS;2350;KGS;40;CT;28800;USD",
            "391990;SELF-ADHESIVE PLASTIC FILM IN ROLLS;B;;;860;KGS;910;KGS;18;PLT;5160;USD",
            "847330;PARTS AND ACCESSORIES OF COMPUTERS;C;CC;;320;SET;640;KGS;16;CT;21760;USD",
            "381900;HYDRAULIC BRAKE FLUID;B;;;2400;LTR;2650;KGS;12;DRM;7440;USD",
            "290531;ETHYLENE GLYCOL;A;;;19,8;M3;21800;KGS;1;DRM;13068;USD",
            "401120;NEW PNEUMATIC TYRES FOR BUSES OR LORRIES;D;;41;96;PCS;5280;KGS;96;BAG;23040;USD");

    private KrCsvBatchFile() {
    }

    /** The file written: its size and how many certificates it holds. */
    public record Written(Path file, long bytes, int certificates) {
    }

    /**
     * Writes certificates until the next one would take the file past {@code targetBytes} (at least one).
     *
     * @param tag in every certificate number, so that no number of an earlier run comes back (a repeated one is a
     *            duplicate, and nothing is sent for it)
     */
    public static Written write(Path file, long targetBytes, String tag) throws IOException {
        long bytes = 0;
        int certificates = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            String comment = "# OriginHub benchmark batch " + tag + ", about " + targetBytes + " bytes, " + ITEMS
                    + " goods items per certificate\n";
            out.write(comment);
            bytes += utf8(comment);
            while (true) {
                String certificate = certificate(tag, certificates + 1);
                long size = utf8(certificate);
                if (certificates > 0 && bytes + size > targetBytes) {
                    break;
                }
                out.write(certificate);
                bytes += size;
                certificates++;
            }
        }
        return new Written(file, bytes, certificates);
    }

    /** Certificate {@code n} of the run: its H record and its goods items, each line ended by LF. */
    static String certificate(String tag, int n) {
        // at most 35 characters (canonical Text35): B<tag>-00000042
        String number = "B" + tag + "-" + String.format("%08d", n);
        StringBuilder text = new StringBuilder(6 * 1024);
        text.append(HEADERS.get(n % HEADERS.size()).formatted(number, "INV-" + tag + "-" + n)).append('\n');
        for (int item = 1; item <= ITEMS; item++) {
            text.append("I;").append(number).append(';').append(item).append(';')
                    .append(ITEM_TEMPLATES.get((n + item) % ITEM_TEMPLATES.size())).append('\n');
        }
        return text.toString();
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: KrCsvBatchFile <size in MiB> <file> [tag]");
            System.exit(2);
        }
        long target = Math.round(Double.parseDouble(args[0]) * 1024 * 1024);
        String tag = args.length > 2 ? args[2] : Long.toString(System.currentTimeMillis() / 1000 % 1_679_616, 36).toUpperCase();
        Written written = write(Path.of(args[1]), target, tag);
        System.out.println(written.file() + ": " + written.bytes() + " bytes, " + written.certificates() + " certificates");
    }
}
