package org.conditionalfeed.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/** Writes a feed's XML document as UTF-8 bytes, indented as ROME writes them. Thread-safe. */
final class XmlDocuments {

    private XmlDocuments() {
    }

    static byte[] bytes(Document document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(document, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
