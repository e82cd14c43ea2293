package edu.campus.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.BeanParam;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

import edu.campus.common.api.PageParams;

/** Which parameters the filter checks, and what it says of a value. */
class ParamCheckFilterTest {

    enum Colour {
        red, green
    }

    @SuppressWarnings("unused")
    void sample(@RestPath long id, @RestPath("building_id") Long buildingId, @RestQuery Boolean registered,
            @RestQuery Colour colour, @RestQuery String text, @BeanParam PageParams paging) {
    }

    private static List<?> checks() throws Exception {
        return ParamCheckFilter.checksOf(ParamCheckFilterTest.class.getDeclaredMethod("sample", long.class, Long.class,
                Boolean.class, Colour.class, String.class, PageParams.class));
    }

    @Test
    void numbersBooleansEnumsAndPagingAreCheckedTextIsNot() throws Exception {
        String names = checks().toString();
        for (String name : List.of("name=id", "name=building_id", "name=registered", "name=colour", "name=page", "name=size")) {
            assertTrue(names.contains(name), name + " in " + names);
        }
        assertEquals(6, checks().size());
    }

    @Test
    void valuesAreJudgedAsWritten() throws Exception {
        var all = checks();
        var id = (ParamCheckFilter.Check) all.get(0);
        var registered = (ParamCheckFilter.Check) all.get(2);
        var colour = (ParamCheckFilter.Check) all.get(3);
        var page = (ParamCheckFilter.Check) all.get(4);
        assertNull(ParamCheckFilter.problem(id, "42"));
        assertEquals("must be a whole number", ParamCheckFilter.problem(id, "abc"));
        assertEquals("must be a whole number", ParamCheckFilter.problem(id, "99999999999999999999"));
        assertEquals("must be greater than or equal to 1", ParamCheckFilter.problem(id, "0"));
        assertEquals("must be greater than or equal to 1", ParamCheckFilter.problem(id, "-5"));
        assertNull(ParamCheckFilter.problem(registered, "true"));
        assertEquals("must be true or false", ParamCheckFilter.problem(registered, "maybe"));
        assertEquals("must be true or false", ParamCheckFilter.problem(registered, "TRUE"));
        assertNull(ParamCheckFilter.problem(colour, "red"));
        assertEquals("must be one of [red, green]", ParamCheckFilter.problem(colour, "blue"));
        assertNull(ParamCheckFilter.problem(page, "")); // an empty query value falls back to the default
        assertEquals("must be a whole number up to 2147483647", ParamCheckFilter.problem(page, "3000000000"));
        assertNull(ParamCheckFilter.problem(page, "-1")); // a negative page is bean validation's (@Min(0)), not an id
    }
}
