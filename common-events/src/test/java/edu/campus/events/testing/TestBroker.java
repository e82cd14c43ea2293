package edu.campus.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The machine's RabbitMQ for a test run: a vhost of its own (made with rabbitmqctl when it is there, else the default
 * vhost), reached through a TCP relay the tests can cut ({@link #cut}) and mend ({@link #mend}) to play "the broker is
 * down" without stopping the machine's broker. {@link #listen} binds a queue of the test's own to the exchange and
 * collects what arrives.
 */
public class TestBroker implements QuarkusTestResourceLifecycleManager {

    private static final int BROKER = 5672;
    private static String vhost = "/";
    private static ServerSocket relay;
    private static volatile boolean down;
    private static final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** A message as a consumer sees it: its id, routing key, body and headers. */
    public record Received(String messageId, String routingKey, String body, Map<String, Object> headers) {
    }

    @Override
    public Map<String, String> start() {
        String candidate = "campus-test-" + UUID.randomUUID().toString().substring(0, 8);
        if (rabbitmqctl("add_vhost", candidate) && rabbitmqctl("set_permissions", "-p", candidate, "guest", ".*", ".*", ".*")) {
            vhost = candidate;
        }
        try {
            relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(TestBroker::accept, "test-broker-relay");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("campus.events.rabbitmq-url", "amqp://guest:guest@127.0.0.1:" + relay.getLocalPort() + "/" + encoded(vhost),
                "campus.events.poll-every", "1s", "campus.events.max-backoff", "1s", "campus.events.relay", "true");
    }

    @Override
    public void stop() {
        try {
            relay.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (!"/".equals(vhost)) {
            rabbitmqctl("delete_vhost", vhost);
        }
    }

    /** The broker "goes down": open connections are cut, new ones refused until {@link #mend}. */
    public static void cut() {
        down = true;
        open.forEach(TestBroker::closeQuietly);
        open.clear();
    }

    public static void mend() {
        down = false;
    }

    /** A queue of its own bound to the exchange with {@code bindingKey}; what arrives is added to the list returned. */
    public static List<Received> listen(String bindingKey) throws Exception {
        Connection connection = connect();
        Channel channel = connection.createChannel();
        channel.exchangeDeclare("campus.events", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "campus.events", bindingKey);
        List<Received> received = new CopyOnWriteArrayList<>();
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.add(new Received(properties.getMessageId(), envelope.getRoutingKey(), new String(body, java.nio.charset.StandardCharsets.UTF_8),
                        properties.getHeaders() == null ? Map.of() : Map.copyOf(properties.getHeaders())));
            }
        });
        return received;
    }

    /** Publishes {@code body} to the exchange as the relay would (persistent, JSON, with the message id). */
    public static void publish(String routingKey, String messageId, String body) throws Exception {
        publish(routingKey, messageId, body, Map.of());
    }

    /** {@link #publish(String, String, String)} with headers ({@code traceparent}, say). */
    public static void publish(String routingKey, String messageId, String body, Map<String, Object> headers) throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("campus.events", "topic", true);
            channel.confirmSelect();
            channel.basicPublish("campus.events", routingKey, new AMQP.BasicProperties.Builder().messageId(messageId)
                    .contentType("application/json").deliveryMode(2).headers(headers.isEmpty() ? null : headers).build(),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
    }

    /** The bodies waiting in {@code queue} (a dead-letter queue, say), taken off it; empty when it does not exist. */
    public static List<String> drain(String queue) throws Exception {
        List<String> bodies = new java.util.ArrayList<>();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            try {
                com.rabbitmq.client.GetResponse response;
                while ((response = channel.basicGet(queue, true)) != null) {
                    bodies.add(new String(response.getBody(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException noSuchQueue) {
                return bodies;
            }
        }
        return bodies;
    }

    /** Messages ready in {@code queue}; -1 when it does not exist. */
    public static long depth(String queue) throws Exception {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException noSuchQueue) {
            return -1;
        }
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(BROKER);
        factory.setVirtualHost(vhost);
        return factory.newConnection();
    }

    private static void accept() {
        while (!relay.isClosed()) {
            try {
                Socket client = relay.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), BROKER);
                open.add(client);
                open.add(broker);
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                // closed, or the broker refused: the client sees its connection end
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "test-broker-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static boolean rabbitmqctl(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "rabbitmqctl";
            System.arraycopy(args, 0, command, 1, args.length);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
