package org.conditionalfeed.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryRepository;

/**
 * Writes a page of entries as a JSON array without holding the page in memory: it reads the
 * page's ids, then the entries a few at a time, and streams each to the response as it goes. A
 * page of a hundred entries of a megabyte each so costs a few megabytes of heap, not a hundred.
 * Entries deleted meanwhile are left out.
 *
 * <p>Thread-safe.
 */
final class EntryListWriter {

    /** Entries read per query: a few megabytes at most, as an entry's content is at most 1 MB. */
    private static final int ENTRIES_PER_READ = 4;

    private final EntryRepository entries;
    private final ObjectMapper mapper;

    EntryListWriter(EntryRepository entries, ObjectMapper mapper) {
        this.entries = entries;
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, int limit, int offset) throws IOException {
        List<Long> ids = entries.newestIds(limit, offset);
        List<Entry> first = entries.findAll(ids.subList(0, Math.min(ENTRIES_PER_READ, ids.size())));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(JsonResponses.CONTENT_TYPE);
        try (JsonGenerator json = mapper.getFactory().createGenerator(response.getOutputStream())) {
            json.writeStartArray();
            writeAll(json, first);
            for (int from = ENTRIES_PER_READ; from < ids.size(); from += ENTRIES_PER_READ) {
                writeAll(json, entries.findAll(ids.subList(from, Math.min(from + ENTRIES_PER_READ, ids.size()))));
            }
            json.writeEndArray();
        }
    }

    private void writeAll(JsonGenerator json, List<Entry> batch) throws IOException {
        for (Entry entry : batch) {
            mapper.writeValue(json, EntryView.of(entry));
        }
    }
}
