package edu.campus.events;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * The broker's address from {@code RABBITMQ_URL} (an AMQP URI), for the relay and for the messaging connector's
 * consumers alike: a consumer channel names it with {@code client-options-name=campus-events}, so a service has one
 * broker setting, never two. Taken apart field by field: the client logs a URI it is given, password included.
 */
@ApplicationScoped
public class BrokerOptions {

    public static final String NAME = "campus-events";

    @Produces
    @Identifier(NAME)
    RabbitMQOptions consumerOptions(EventsConfig config) {
        // the connector reconnects by itself; a consumer waits for a broker that is down instead of failing the service
        return of(config.rabbitmqUrl()).setConnectionTimeout(2000).setRequestedHeartbeat(10)
                .setReconnectAttempts(Integer.MAX_VALUE).setReconnectInterval(2000).setAutomaticRecoveryEnabled(true);
    }

    public static RabbitMQOptions of(String url) {
        URI uri = URI.create(url);
        RabbitMQOptions options = new RabbitMQOptions().setHost(uri.getHost()).setPort(uri.getPort() > 0 ? uri.getPort() : 5672);
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            options.setUser(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                options.setPassword(decode(info.substring(colon + 1)));
            }
        }
        String path = uri.getRawPath();
        options.setVirtualHost(path == null || path.length() <= 1 ? "/" : decode(path.substring(1)));
        return options;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
