package edu.campus.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.vertx.rabbitmq.RabbitMQOptions;

class BrokerOptionsTest {

    @Test
    void theBrokerUriIsTakenApartFieldByField() {
        RabbitMQOptions options = BrokerOptions.of("amqp://campus:p%40ss%2Bword@rabbit.internal:5673/campus%2Fprod");
        assertEquals("rabbit.internal", options.getHost());
        assertEquals(5673, options.getPort());
        assertEquals("campus", options.getUser());
        assertEquals("p@ss+word", options.getPassword());
        assertEquals("campus/prod", options.getVirtualHost());
        RabbitMQOptions defaults = BrokerOptions.of("amqp://127.0.0.1");
        assertEquals(5672, defaults.getPort());
        assertEquals("/", defaults.getVirtualHost());
        assertEquals("/", BrokerOptions.of("amqp://guest:guest@127.0.0.1:5672/%2F").getVirtualHost());
    }
}
