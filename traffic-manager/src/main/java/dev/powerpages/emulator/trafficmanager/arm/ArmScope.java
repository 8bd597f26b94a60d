package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one subscription and resource group the endpoint holds, and ARM's 404s for others:
 * {@code SubscriptionNotFound} and {@code ResourceGroupNotFound}, worded as ARM words them.
 */
@Component
class ArmScope {

    private final ArmProperties properties;

    ArmScope(ArmProperties properties) {
        this.properties = properties;
    }

    void subscription(String subscriptionId) {
        if (!properties.subscriptionId().equalsIgnoreCase(subscriptionId)) {
            throw new ArmException(
                    HttpStatus.NOT_FOUND,
                    "SubscriptionNotFound",
                    "The subscription '" + subscriptionId + "' could not be found.");
        }
    }

    void resourceGroup(String subscriptionId, String resourceGroup) {
        subscription(subscriptionId);
        if (!properties.resourceGroup().equalsIgnoreCase(resourceGroup)) {
            throw new ArmException(
                    HttpStatus.NOT_FOUND,
                    "ResourceGroupNotFound",
                    "Resource group '" + resourceGroup + "' could not be found.");
        }
    }

    String subscriptionId() {
        return "/subscriptions/" + properties.subscriptionId();
    }

    String resourceGroupId() {
        return subscriptionId() + "/resourceGroups/" + properties.resourceGroup();
    }

    /** {@code /subscriptions/…/resourceGroups/emulator/providers/<type>/<name>} */
    String resourceId(String providerType, String name) {
        return resourceGroupId() + "/providers/" + providerType + "/" + name;
    }

    static ArmException notFound(String type, String name, String resourceGroup) {
        return new ArmException(
                HttpStatus.NOT_FOUND,
                "ResourceNotFound",
                "The Resource '" + type + "/" + name
                        + "' under resource group '" + resourceGroup + "' was not found. For more details please go to "
                        + "https://aka.ms/ARMResourceNotFoundFix");
    }
}
