package org.caregrid.dashboard.care;

/** The doctor the resident signed with (家庭医生签约), as {@code family_doctor} holds them. */
public record FamilyDoctor(int id, String name, String clinic, String phone) {}
