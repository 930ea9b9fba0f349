package org.conditionalfeed.websub;

import java.util.ArrayList;
import java.util.List;

/**
 * The WebSub discovery links of a feed: one {@code Link: <hub>; rel="hub"} per hub and exactly
 * one {@code Link: <feed url>; rel="self"} (WebSub section 4), as header values made once, so a
 * response adds them without building anything. Immutable and thread-safe.
 *
 * @param hubs the hub URLs, in the order the settings give them; empty: no links at all
 */
public record HubLinks(List<String> hubs) {

    public HubLinks {
        hubs = List.copyOf(hubs);
    }

    /** Whether any hub is set. */
    public boolean active() {
        return !hubs.isEmpty();
    }

    /** The {@code Link} header values for the feed at {@code selfUrl}; empty when no hub is set. */
    public List<String> headerValues(String selfUrl) {
        if (hubs.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(hubs.size() + 1);
        for (String hub : hubs) {
            values.add("<" + hub + ">; rel=\"hub\"");
        }
        values.add("<" + selfUrl + ">; rel=\"self\"");
        return List.copyOf(values);
    }
}
