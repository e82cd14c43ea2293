package edu.campus.common.api;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a listing: {@code page} counts from 0, {@code total} is the number of items over all pages. */
@RegisterForReflection
public record Page<T>(List<T> items, int page, int size, long total) {
}
