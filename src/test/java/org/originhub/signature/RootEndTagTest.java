package org.originhub.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where the signer puts the signature in the envelope's bytes, and when it writes the whole tree instead. */
class RootEndTagTest {

    private static final byte[] SIGNATURE = "<ds:Signature/>".getBytes(StandardCharsets.UTF_8);

    private static String inserted(String document, String root) {
        byte[] result = RootEndTag.insertBefore(document.getBytes(StandardCharsets.UTF_8), root, SIGNATURE);
        return result == null ? null : new String(result, StandardCharsets.UTF_8);
    }

    @Test
    void elementGoesJustBeforeTheRootsEndTagAndEveryOtherByteStays() {
        assertThat(inserted("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<E><P>é</P></E>\n", "E"))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<E><P>é</P><ds:Signature/></E>\n");
    }

    @Test
    void prefixedRootWithSpaceInItsEndTagAndNoDeclarationIsThePlainCaseToo() {
        assertThat(inserted("<ns2:E xmlns:ns2=\"urn:x\"><P/></ns2:E >", "ns2:E"))
                .isEqualTo("<ns2:E xmlns:ns2=\"urn:x\"><P/><ds:Signature/></ns2:E >");
    }

    @Test
    void anythingButThePlainCaseIsLeftToTheCallerToWriteWhole() {
        assertThat(inserted("<?xml version='1.0' encoding='ISO-8859-1'?><E/>", "E")).isNull(); // other encoding
        assertThat(inserted("<?xml version='1.0' encoding='ISO-8859-1'?><E><P/></E>", "E")).isNull();
        assertThat(inserted("<E><P/></E><!-- after the root -->", "E")).isNull();
        assertThat(inserted("<E><P/></E><?pi </E>?>", "E")).isNull();
        assertThat(inserted("<E/>", "E")).isNull(); // an empty-element root has no end tag
        assertThat(inserted("<EE><P/></EE>", "E")).isNull(); // another name that ends the same way
        assertThat(inserted("\uFEFF<E><P/></E>", "E")).isNull(); // a byte order mark: written whole, to be safe
        assertThat(inserted("", "E")).isNull();
    }

    @Test
    void declaredUtf8InAnyCaseOrQuotingIsThePlainCase() {
        assertThat(inserted("<?xml version='1.0' encoding = 'utf-8'?><E><P/></E>", "E"))
                .isEqualTo("<?xml version='1.0' encoding = 'utf-8'?><E><P/><ds:Signature/></E>");
    }
}
