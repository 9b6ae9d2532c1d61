package org.tether.server.staff;

/**
 * What a staff member may do. Officers and county supervisors change the registry within their
 * offices; procurators (检察监督) read it; administrators manage the organisation, staff and vendors
 * and see no supervised person's data.
 */
public enum StaffRole {
    /** 社区矫正工作人员 at a justice office: their office only. */
    OFFICER,
    /** Head or supervisor at a county agency: the agency and the justice offices below it; approves EM orders. */
    COUNTY_SUPERVISOR,
    /** 检察院: reads the county agency's and its offices' data, changes nothing. */
    PROCURATOR,
    /** Organisation, staff accounts, vendors. */
    ADMIN;

    public boolean changesRegistry() {
        return this == OFFICER || this == COUNTY_SUPERVISOR;
    }

    /** Staff of this role are attached to a county agency (not a justice office). */
    public boolean atCountyAgency() {
        return this == COUNTY_SUPERVISOR || this == PROCURATOR;
    }
}
