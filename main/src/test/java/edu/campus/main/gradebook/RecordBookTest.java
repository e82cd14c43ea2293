package edu.campus.main.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.main.gradebook.RecordBook.AcademicYear;
import edu.campus.main.gradebook.RecordBook.Entry;

class RecordBookTest {

    private static Entry entry(String discipline, Integer semester, String date) {
        return new Entry(discipline, 5, "Отлично", "Экзамен", "L", 1, RecordBook.date(date), semester, "72", BigDecimal.ONE);
    }

    @Test
    void semestersArePairedIntoYearsLabelledFromTheEarliestDateNewestFirst() {
        List<AcademicYear> years = RecordBook.group(List.of(entry("A", 1, "20.12.2022"), entry("B", 2, "10.06.2023"),
                entry("C", 3, "25.12.2023"), entry("D", 4, "15.06.2024"), entry("E", 5, "20.01.2025")));
        assertEquals(List.of("2024/2025", "2023/2024", "2022/2023"), years.stream().map(AcademicYear::label).toList());
        assertEquals(List.of(3, 2, 1), years.stream().map(AcademicYear::course).toList());
        assertEquals(List.of("C", "D"), years.get(1).entries().stream().map(Entry::discipline).toList());
    }

    @Test
    void aRetakeInALaterCalendarYearStaysWithItsSemester() {
        // semester 1 of 2023/2024, the retake in October 2024 (the next academic year)
        List<AcademicYear> years = RecordBook.group(List.of(entry("Физика", 1, "15.01.2024"), entry("Физика", 1, "10.10.2024"),
                entry("Химия", 2, "01.06.2024")));
        assertEquals(1, years.size());
        assertEquals("2023/2024", years.get(0).label());
        assertEquals(3, years.get(0).entries().size());
    }

    @Test
    void semesterZeroOrMissingGoesToOtherLast() {
        List<AcademicYear> years = RecordBook.group(List.of(entry("Практика", 0, "01.07.2024"), entry("Факультатив", null, null),
                entry("A", 2, "01.06.2024")));
        assertEquals(List.of("2023/2024", "other"), years.stream().map(AcademicYear::label).toList());
        assertNull(years.get(1).course());
        assertEquals(List.of("Практика", "Факультатив"), years.get(1).entries().stream().map(Entry::discipline).toList());
    }

    @Test
    void aYearWithoutDatesIsLabelledByItsCourse() {
        assertEquals("course 2", RecordBook.group(List.of(entry("A", 3, null))).get(0).label());
        assertEquals("2023/2024", RecordBook.label(LocalDate.of(2023, 9, 1)));
        assertEquals("2022/2023", RecordBook.label(LocalDate.of(2023, 8, 31)));
    }

    @Test
    void upstreamQuirksAreRead() throws Exception {
        RecordBook book = RecordBook.fromUpstream(new ObjectMapper().readTree("""
                {"result": {"orders_type_name": "Зачётная книжка", "record_book_data": [
                  {"grade": "4", "discipline": "X", "date": "05.02.2024", "semester": "1", "zet": "1,5", "try": 2},
                  {"grade": null, "discipline": "Y", "date": "not a date", "zet": "n/a"},
                  "not an object"]}}"""));
        Entry x = book.academicYears().get(0).entries().get(0);
        assertEquals(4, x.grade());
        assertEquals(new BigDecimal("1.5"), x.zet());
        assertEquals(LocalDate.of(2024, 2, 5), x.date());
        assertEquals(2, x.attempt());
        Entry y = book.academicYears().get(1).entries().get(0);
        assertNull(y.date());
        assertNull(y.zet());
        assertNull(RecordBook.fromUpstream(new ObjectMapper().readTree("{\"result\": {}}")));
        assertNull(RecordBook.fromUpstream(new ObjectMapper().readTree("[]")));
    }
}
