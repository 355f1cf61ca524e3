/** Pure rules of arrangements: plain functions of their inputs and the date. */
@org.springframework.modulith.NamedInterface("domain")
package dev.arrears.arrangement.domain;
