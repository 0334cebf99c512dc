package dev.botwebhooks.outbound;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;

/**
 * Netty's non-blocking DNS resolver (which reads /etc/hosts too) behind the {@link AddressPolicy}. NIO
 * datagrams, so the client that uses it runs on NIO event loops.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final DnsAddressResolverGroup dns =
            new DnsAddressResolverGroup(NioDatagramChannel.class, DnsServerAddressStreamProviders.platformDefault());
    private final AddressPolicy policy;

    GuardedResolverGroup(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new GuardedResolver(executor, dns.getResolver(executor), policy);
    }

    @Override
    public void close() {
        super.close();
        dns.close();
    }
}
