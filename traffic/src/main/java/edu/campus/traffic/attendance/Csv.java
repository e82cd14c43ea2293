package edu.campus.traffic.attendance;

/** RFC 4180 fields, safe to open in a spreadsheet (no formula injection). */
final class Csv {

    private Csv() {
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = value;
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            text = "'" + text; // a spreadsheet would run it as a formula
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || !text.equals(value)) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
