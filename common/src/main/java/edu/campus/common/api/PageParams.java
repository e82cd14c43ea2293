package edu.campus.common.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The paging parameters of every listing, the same in every service: {@code page} from 0, {@code size} 1 to
 * {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}). Use as {@code @Valid @BeanParam PageParams paging}.
 */
@RegisterForReflection // its fields are read by ParamCheckFilter
public class PageParams {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    @RestQuery
    @DefaultValue("0")
    @Min(0)
    int page;

    @RestQuery
    @DefaultValue("50")
    @Min(1)
    @Max(MAX_SIZE)
    int size;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** How many rows the page skips. */
    public long offset() {
        return (long) page * size;
    }
}
