package dev.mcpguard.agent.session;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values. Reads take no lock: the closed
 * guard asks it on every SDK request. Entries whose key was collected are purged on writes.
 */
public final class WeakIdentityMap<V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    public V get(Object key) {
        return map.get(new Lookup(key));
    }

    public void put(Object key, V value) {
        purge();
        map.put(new WeakKey(key, collected), value);
    }

    /** Stores {@code value} unless {@code key} already has one; returns the value {@code key} now has. */
    public V putIfAbsent(Object key, V value) {
        purge();
        V existing = map.putIfAbsent(new WeakKey(key, collected), value);
        return existing != null ? existing : value;
    }

    /** Removes {@code key}'s value; returns it, or null when it had none. */
    public V remove(Object key) {
        return map.remove(new Lookup(key));
    }

    List<V> values() {
        purge();
        return new ArrayList<>(map.values());
    }

    private void purge() {
        for (Object ref; (ref = collected.poll()) != null; ) {
            map.remove(ref);
        }
    }

    /** Both key kinds answer the referent's identity hash and compare referents by identity. */
    private interface Identity {
        Object referent();
    }

    private static final class WeakKey extends WeakReference<Object> implements Identity {
        private final int hash;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object mine = get();
            return mine != null && other instanceof Identity && ((Identity) other).referent() == mine;
        }
    }

    private static final class Lookup implements Identity {
        private final Object referent;

        Lookup(Object referent) {
            this.referent = referent;
        }

        @Override
        public Object referent() {
            return referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).referent() == referent;
        }
    }
}
