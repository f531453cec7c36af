package io.metricsniff.hop.route;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash functions the relays place nodes and names with. Each says whose code it follows; the
 * differences matter (carbon hashes bytes unsigned, carbon-c-relay walks {@code char}, which is
 * signed on x86-64, so bytes >= 0x80 are sign-extended before the xor).
 */
final class RingHash {
    static final int FNV32_OFFSET = 0x811c9dc5;
    static final int FNV32_PRIME = 0x01000193;
    static final long FNV64_OFFSET = 0xcbf29ce484222325L;
    static final long FNV64_PRIME = 0x100000001b3L;
    /** Lamping and Veach's jump hash multiplier (consistent-hash.c jump_bucketpos). */
    private static final long JUMP_MULTIPLIER = 2862933555777941757L;
    /** The xorshift* multiplier carbon-c-relay re-hashes with for each further replica (ch_get_nodes). */
    private static final long XORSHIFT_MULTIPLIER = 2685821657736338717L;

    /** One digest per thread: a router is asked once per datapoint, getInstance costs a provider lookup. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e); // required by the Java SE spec
        }
    });

    private RingHash() { }

    /** carbon hashing.py compactHash/carbonHash 'carbon_ch', c-relay carbon_hashpos: md5's first 2 bytes. */
    static int md5Position(byte[] key, int len) {
        MessageDigest md5 = MD5.get();
        md5.update(key, 0, len);
        byte[] d = md5.digest(); // digest() also resets it for the next key
        return ((d[0] & 0xff) << 8) | (d[1] & 0xff);
    }

    /** carbon hashing.py fnv32a: FNV-1a over the UTF-8 bytes, each byte unsigned. */
    static int fnv1a32Unsigned(byte[] key, int len) {
        int h = FNV32_OFFSET;
        for (int i = 0; i < len; i++) h = (h ^ (key[i] & 0xff)) * FNV32_PRIME;
        return h;
    }

    /** carbon-c-relay fnv1a.h fnv1a_32: {@code (unsigned int)*p} of a signed char. */
    static int fnv1a32Signed(byte[] key, int len) {
        int h = FNV32_OFFSET;
        for (int i = 0; i < len; i++) h = (h ^ key[i]) * FNV32_PRIME; // byte widens with its sign
        return h;
    }

    /** carbon-c-relay fnv1a.h fnv1a_64, again over signed chars. */
    static long fnv1a64Signed(byte[] key, int len) {
        long h = FNV64_OFFSET;
        for (int i = 0; i < len; i++) h = (h ^ key[i]) * FNV64_PRIME;
        return h;
    }

    /** Both relays fold the 32-bit FNV-1a into a 16-bit ring position: high half xor low half. */
    static int fold16(int h) {
        return (h >>> 16) ^ (h & 0xffff);
    }

    /**
     * consistent-hash.c jump_bucketpos: the bucket in [0, buckets) for key, with the C code's own
     * double arithmetic (key is an unsigned 64-bit value; Java's wrapping multiply gives the same bits).
     */
    static int jumpBucket(long key, int buckets) {
        long b = -1, j = 0;
        while (j < buckets) {
            b = j;
            key = key * JUMP_MULTIPLIER + 1;
            j = (long) ((double) (b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    /** consistent-hash.c ch_get_nodes (JUMP_FNV1a): the next hash for the next replica. */
    static long xorshift(long h) {
        h ^= h >>> 12;
        h ^= h << 25;
        h ^= h >>> 27;
        return h * XORSHIFT_MULTIPLIER;
    }

    /** Python's bisect_left on a sorted ring: the first index whose position is >= p (length when none). */
    static int lowerBound(int[] sorted, int p) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < p) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
