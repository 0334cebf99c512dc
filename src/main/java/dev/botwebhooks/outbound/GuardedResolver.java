package dev.botwebhooks.outbound;

import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Resolves through DNS, then refuses addresses the {@link AddressPolicy} does not allow. It reports every
 * address as unresolved, so that an IP literal in a URL passes through the same check; it refuses a name
 * when any of its addresses is refused, so that a name cannot mix a public and an internal address.
 */
final class GuardedResolver implements AddressResolver<InetSocketAddress> {

    private final EventExecutor executor;
    private final AddressResolver<InetSocketAddress> dns;
    private final AddressPolicy policy;

    GuardedResolver(EventExecutor executor, AddressResolver<InetSocketAddress> dns, AddressPolicy policy) {
        this.executor = executor;
        this.dns = dns;
        this.policy = policy;
    }

    @Override
    public boolean isSupported(SocketAddress address) {
        return address instanceof InetSocketAddress;
    }

    @Override
    public boolean isResolved(SocketAddress address) {
        return false;
    }

    @Override
    public Future<InetSocketAddress> resolve(SocketAddress address) {
        return resolve(address, executor.newPromise());
    }

    @Override
    public Future<InetSocketAddress> resolve(SocketAddress address, Promise<InetSocketAddress> promise) {
        Promise<List<InetSocketAddress>> all = executor.newPromise();
        resolveAll(address, all).addListener(done -> {
            if (done.isSuccess()) {
                promise.trySuccess(all.getNow().get(0));
            } else {
                promise.tryFailure(done.cause());
            }
        });
        return promise;
    }

    @Override
    public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
        return resolveAll(address, executor.newPromise());
    }

    @Override
    public Future<List<InetSocketAddress>> resolveAll(SocketAddress address, Promise<List<InetSocketAddress>> promise) {
        InetSocketAddress target = (InetSocketAddress) address;
        if (!target.isUnresolved()) {
            return settle(target.getHostString(), List.of(target), promise);
        }
        dns.resolveAll(target).addListener(done -> {
            if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetSocketAddress> resolved = (List<InetSocketAddress>) done.getNow();
                settle(target.getHostString(), resolved, promise);
            } else {
                promise.tryFailure(done.cause());
            }
        });
        return promise;
    }

    private Promise<List<InetSocketAddress>> settle(String host, List<InetSocketAddress> addresses,
            Promise<List<InetSocketAddress>> promise) {
        for (InetSocketAddress resolved : addresses) {
            Optional<String> refusal = policy.refusal(resolved.getAddress());
            if (refusal.isPresent()) {
                promise.tryFailure(new AddressRefused(host, refusal.get()));
                return promise;
            }
        }
        promise.trySuccess(addresses);
        return promise;
    }

    @Override
    public void close() {
        // The DNS resolver belongs to its group, which closes it.
    }
}
