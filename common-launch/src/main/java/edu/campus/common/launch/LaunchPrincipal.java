package edu.campus.common.launch;

/** The student a launch token speaks for (claims {@code sub}, {@code name}, {@code email}, {@code group}). */
public record LaunchPrincipal(long studentId, String name, String email, String group) {
}
