/** The starter's servlet auto-configuration: request limits and Tomcat's own error answers as JSON. */
package dev.powerpages.emulator.support.servlet;
