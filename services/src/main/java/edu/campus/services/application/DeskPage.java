package edu.campus.services.application;

import java.util.List;

import edu.campus.services.application.ApplicationDtos.ApplicationSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of the desk's listing: {@code page} counts from 0; {@code total} is the number of matching applications,
 * counted up to {@code SERVICES_DESK_COUNT_CAP} — {@code total_capped} true means there are more than {@code total}
 * (counting is linear in what it counts; a department with 100,000 applications is not counted on every page).
 */
@RegisterForReflection
public record DeskPage(List<ApplicationSummary> items, int page, int size, long total, boolean totalCapped) {
}
