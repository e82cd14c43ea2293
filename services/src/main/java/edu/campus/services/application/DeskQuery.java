package edu.campus.services.application;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A desk listing: the caller's scope ({@code department} and/or {@code assignee}: null = not limited) and the filters
 * asked for ({@code executor}: that executor's; {@code unassigned}: nobody's; {@code text}: contained in the student's
 * name, e-mail or group, or the application's id).
 */
public record DeskQuery(Long department, Long assignee, ApplicationStatus status, Long service, Long executor, Boolean unassigned,
        String text, Sort sort) {

    /** Listing orders; a leading minus in the query parameter is newest first. */
    @RegisterForReflection
    public enum Sort {
        created_desc("a.created_at desc, a.id desc"),
        created_asc("a.created_at, a.id"),
        updated_desc("a.updated_at desc, a.id desc"),
        updated_asc("a.updated_at, a.id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        /** {@code -created_at}, {@code created_at}, {@code -updated_at}, {@code updated_at}; null when none of them. */
        public static Sort parse(String value) {
            if (value == null || value.isEmpty()) {
                return created_desc;
            }
            return switch (value) {
                case "-created_at" -> created_desc;
                case "created_at" -> created_asc;
                case "-updated_at" -> updated_desc;
                case "updated_at" -> updated_asc;
                default -> null;
            };
        }
    }
}
