package io.leadsla.lead;

/** A lead's details as submitted, already checked and normalized (e-mail lower case, blanks as null). */
public record LeadFields(
    String name, String email, String company, String phone, String region, String source, String campaign,
    int score, boolean consent, String message) {}
