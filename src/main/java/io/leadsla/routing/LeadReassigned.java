package io.leadsla.routing;

/** Published in the engine's transaction when a lead gets another owner within a stage. */
public record LeadReassigned(String leadId, int cycle, String stage, String fromOwner, String toOwner,
    String reason) {}
