package org.conditionalfeed.admin;

/**
 * The entry form's choice of enclosure as posted: a medium's id, the empty value of "None", or no
 * field at all (a form from before the field existed, or a script), which keeps the entry's
 * current enclosure. Whether the medium exists is for the caller to check.
 *
 * @param chosen the medium the entry is to name, or {@code null} for none; meaningless with a problem
 * @param problem what is wrong with the posted value, or {@code null}
 */
record EnclosureField(Long chosen, String problem) {

    /**
     * @param posted the {@code enclosure} parameter, or {@code null} when the form had none
     * @param current the medium the entry names now, or {@code null} (always for a new entry)
     */
    static EnclosureField parse(String posted, Long current) {
        if (posted == null) {
            return new EnclosureField(current, null);
        }
        String value = posted.strip();
        if (value.isEmpty()) {
            return new EnclosureField(null, null);
        }
        if (!value.matches("[1-9][0-9]{0,17}")) {
            return new EnclosureField(null, "Choose a file of the media library as the enclosure, or None.");
        }
        return new EnclosureField(Long.parseLong(value), null);
    }

    /** The problem of a choice whose medium is not (or no longer) in the library. */
    static String gone(long mediaId) {
        return "The chosen enclosure (file " + mediaId + ") is not in the media library (deleted meanwhile?)."
                + " Choose another file, or None.";
    }
}
