package io.leadsla.routing;

/** What a pick is for, as recorded in {@code lead_assignment}: the lead, its stage, the owner it leaves, why. */
public record Assignment(String leadId, int cycle, String stage, String fromOwner, String reason) {}
