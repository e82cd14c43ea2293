package edu.campus.traffic.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.attendance.AttendanceDtos.Attendee;
import edu.campus.traffic.attendance.AttendanceDtos.Attendees;

class CsvTest {

    @Test
    void plainFieldsStayAsTheyAre() {
        assertEquals("Иванов Иван", Csv.field("Иванов Иван"));
        assertEquals("", Csv.field(null));
        assertEquals("", Csv.field(""));
    }

    @Test
    void quotesCommasAndNewlinesAreQuotedPerRfc4180() {
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"cr\rhere\"", Csv.field("cr\rhere"));
    }

    @Test
    void formulasAreNeutralised() {
        assertEquals("\"'=HYPERLINK(1)\"", Csv.field("=HYPERLINK(1)"));
        assertEquals("\"'+1\"", Csv.field("+1"));
        assertEquals("\"'-1\"", Csv.field("-1"));
        assertEquals("\"'@SUM(A1)\"", Csv.field("@SUM(A1)"));
        assertEquals("\"'\tx\"", Csv.field("\tx"));
    }

    @Test
    void theExportHasABomAHeaderAndLocalTimes() {
        Attendees list = new Attendees(5, SessionStatus.closed, 1, List.of(new Attendee(7, "Ann, B", "a@x", "=1",
                OffsetDateTime.parse("2026-11-30T07:00:00Z"), MarkMethod.qr, "student")));
        String csv = Csv.attendees(list, ZoneId.of("Europe/Moscow"));
        assertTrue(csv.startsWith("\uFEFFstudent_id,student_name,student_email,student_group,marked_at,method\r\n"), csv);
        assertEquals(Csv.HEADER + "7,\"Ann, B\",a@x,\"'=1\",2026-11-30T10:00+03:00,qr\r\n", csv);
    }
}
