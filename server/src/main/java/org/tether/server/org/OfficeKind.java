package org.tether.server.org;

/** 县级社区矫正机构 (county agency) or 司法所 (justice office, below an agency). */
public enum OfficeKind {
    COUNTY_AGENCY,
    JUSTICE_OFFICE
}
