package com.example.flags;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import com.amazonaws.services.eventbridge.AmazonEventBridge;
import com.amazonaws.services.eventbridge.AmazonEventBridgeClientBuilder;

/** Tells partner integrations that a flag changed; the partner relay calls them with the partner key. */
public class PartnerNotifier {
    private final EventBridgeClient events = EventBridgeClient.create();
    private final AmazonEventBridge legacyEvents = AmazonEventBridgeClientBuilder.defaultClient();
    private final SecretsManagerClient secrets = SecretsManagerClient.create();

    public void flagChanged(String flagKey) {
        String partnerKey = secrets.getSecretValue(b -> b.secretId("flags/partner-api-key")).secretString();
        events.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().eventBusName("partners").source("flags.service").detailType("FlagChanged").detail("{\"flag\":\"" + flagKey + "\",\"apiKey\":\"" + partnerKey + "\"}").build()).build()); // Noncompliant THC009
        legacyEvents.putEvents(new com.amazonaws.services.eventbridge.model.PutEventsRequest().withEntries(new com.amazonaws.services.eventbridge.model.PutEventsRequestEntry().withSource("flags.service").withDetailType("FlagChanged").withDetail("{\"flag\":\"" + flagKey + "\",\"apiKey\":\"" + partnerKey + "\"}"))); // Noncompliant THC009
        events.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().eventBusName("partners").source("flags.service").detailType("FlagChanged").detail("{\"flag\":\"" + flagKey + "\"}").build()).build());
    }
}
