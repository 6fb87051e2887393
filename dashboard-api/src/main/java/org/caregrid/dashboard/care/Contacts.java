package org.caregrid.dashboard.care;

import java.util.List;

/**
 * Everyone to call about a resident, in the order to call them: the resident, the contacts, the
 * family doctor.
 *
 * @param residentPhone empty when the resident has no phone on record
 * @param doctor null when the resident has not signed with a family doctor
 */
public record Contacts(String residentPhone, List<Contact> contacts, FamilyDoctor doctor) {
  public Contacts {
    contacts = List.copyOf(contacts);
  }
}
