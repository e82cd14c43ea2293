package edu.campus.traffic.attendance;

import java.time.ZoneId;

import edu.campus.traffic.attendance.AttendanceDtos.Attendee;
import edu.campus.traffic.attendance.AttendanceDtos.Attendees;

/** The attendee list as CSV: RFC 4180, UTF-8 with a BOM (spreadsheets), safe to open (no formula injection). */
final class Csv {

    static final String HEADER = "\uFEFFstudent_id,student_name,student_email,student_group,marked_at,method\r\n";

    private Csv() {
    }

    /** One line per attendee, times in the university's zone. */
    static String attendees(Attendees list, ZoneId zone) {
        StringBuilder out = new StringBuilder(HEADER);
        for (Attendee a : list.attendees()) {
            out.append(a.studentId()).append(',').append(field(a.studentName())).append(',').append(field(a.studentEmail()))
                    .append(',').append(field(a.studentGroup())).append(',')
                    .append(a.markedAt().atZoneSameInstant(zone).toOffsetDateTime()).append(',').append(a.method())
                    .append("\r\n");
        }
        return out.toString();
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
