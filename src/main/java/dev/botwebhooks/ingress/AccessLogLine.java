package dev.botwebhooks.ingress;

import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One access-log line per request. The query is left out: a webhook URL's {@code sig} is a bearer
 * credential, and logs are read by more people than the admin token is given to.
 */
final class AccessLogLine {

    static final String FORMAT = "{} \"{} {} {}\" {} {} {}ms";

    private AccessLogLine() {
    }

    static AccessLog of(AccessLogArgProvider request) {
        return AccessLog.create(FORMAT, address(request.remoteAddress()), request.method(), pathOnly(request.uri()),
                request.protocol(), request.status(), request.contentLength(), request.duration());
    }

    static String pathOnly(CharSequence uri) {
        if (uri == null) {
            return "-";
        }
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
