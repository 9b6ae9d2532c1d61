package org.tether.mobile;
