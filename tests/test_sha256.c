/* test_sha256.c — SHA-256 against the FIPS 180-4 / NIST example vectors, the
 * padding boundaries, and incremental hashing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

/* Hex of the digest of data, via init/update/final (not sha256_hex). */
static void digest_hex(const void *data, size_t len, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    struct sha256 c;
    unsigned char md[32];
    size_t i;

    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, md);
    for (i = 0; i < 32; i++) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    out[64] = '\0';
}

static void check_vector(const char *msg, size_t len, const char *want)
{
    char hex[65];

    memset(hex, 'X', sizeof(hex));
    sha256_hex(msg, len, hex);
    assert_string_equal(hex, want);
    memset(hex, 'X', sizeof(hex));
    digest_hex(msg, len, hex);
    assert_string_equal(hex, want);
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional"). */
static void test_empty(void **state)
{
    (void)state;
    check_vector("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
    (void)state;
    check_vector("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_448_bits(void **state)
{
    static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    (void)state;
    assert_int_equal(strlen(m) * 8, 448);
    check_vector(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
    static const char m[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                            "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    (void)state;
    assert_int_equal(strlen(m) * 8, 896);
    check_vector(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
    static const char want[] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    const size_t n = 1000000;
    char *m = malloc(n);
    struct sha256 c;
    unsigned char md[32], md2[32];
    char hex[65];
    size_t i;

    (void)state;
    assert_non_null(m);
    memset(m, 'a', n);
    check_vector(m, n, want);

    /* The same in 1000 updates of 1000 bytes (not a multiple of 64). */
    sha256_init(&c);
    for (i = 0; i < 1000; i++)
        sha256_update(&c, m + i * 1000, 1000);
    sha256_final(&c, md);
    sha256_init(&c);
    sha256_update(&c, m, n);
    sha256_final(&c, md2);
    assert_memory_equal(md, md2, 32);
    sha256_hex(m, n, hex);
    assert_string_equal(hex, want);
    free(m);
}

/* The test message: 130 bytes covering every bit position. */
static void make_message(unsigned char m[130])
{
    size_t i;
    for (i = 0; i < 130; i++)
        m[i] = (unsigned char)(i * 31 + 7);
}

/* Prefixes of the test message whose lengths sit on both sides of each
 * padding boundary (55/56: length field fits or needs a second block; 64:
 * block size).  Expected values from an independent implementation
 * (OpenSSL via Python's hashlib). */
static void test_padding_boundaries(void **state)
{
    static const struct {
        size_t len;
        const char *hex;
    } v[] = {
        {1, "ca358758f6d27e6cf45272937977a748fd88391db679ceda7dc7bf1f005ee879"},
        {55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"},
        {56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"},
        {57, "5b46e502092be01b1100193e089fdda95638c12e19a1d24f308eb2c3d3ae849d"},
        {63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"},
        {64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"},
        {65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"},
        {111, "dd1413178fb627f9abbc041ffe39c44aa7aaa0e2e6d2ca5c4528ac7073a2da45"},
        {112, "a65c92dac124062d0ab951a42773cb04fc98d1d4bf8897b176f8cff3509d379e"},
        {119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"},
        {120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"},
        {127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d"},
        {128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356"},
        {129, "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519"},
        {130, "1c7c3b5eee94d4fa8b41754b89153e50491838d0d3e49b0273d6f12cae12e387"},
    };
    unsigned char m[130];
    size_t i;

    (void)state;
    make_message(m);
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        check_vector((const char *)m, v[i].len, v[i].hex);
}

/* Splitting the 130-byte message into two updates at any offset 0..130 (and
 * into three, around every second offset) gives the one-shot digest. */
static void test_incremental_splits(void **state)
{
    unsigned char m[130], one[32], md[32];
    struct sha256 c;
    size_t i, j;

    (void)state;
    make_message(m);
    sha256_init(&c);
    sha256_update(&c, m, sizeof(m));
    sha256_final(&c, one);
    {
        char hex[65];
        sha256_hex(m, sizeof(m), hex);
        assert_string_equal(hex, "1c7c3b5eee94d4fa8b41754b89153e50491838d0d3e49b0273d6f12cae12e387");
    }

    for (i = 0; i <= sizeof(m); i++) {
        sha256_init(&c);
        sha256_update(&c, m, i);
        sha256_update(&c, m + i, sizeof(m) - i);
        assert_int_equal(c.total, sizeof(m));
        sha256_final(&c, md);
        if (memcmp(md, one, 32) != 0)
            fail_msg("split at offset %zu differs from the one-shot digest", i);
    }
    for (i = 0; i <= sizeof(m); i++) {
        for (j = i; j <= sizeof(m); j += 2) {
            sha256_init(&c);
            sha256_update(&c, m, i);
            sha256_update(&c, m + i, j - i);
            sha256_update(&c, m + j, sizeof(m) - j);
            sha256_final(&c, md);
            if (memcmp(md, one, 32) != 0)
                fail_msg("split at offsets %zu and %zu differs from the one-shot digest", i, j);
        }
    }
}

/* Byte-at-a-time updates, and empty updates (NULL allowed) in between. */
static void test_byte_at_a_time(void **state)
{
    unsigned char m[130], one[32], md[32];
    struct sha256 c;
    size_t i;

    (void)state;
    make_message(m);
    sha256_init(&c);
    sha256_update(&c, m, sizeof(m));
    sha256_final(&c, one);

    sha256_init(&c);
    for (i = 0; i < sizeof(m); i++) {
        sha256_update(&c, NULL, 0);
        sha256_update(&c, m + i, 1);
    }
    sha256_final(&c, md);
    assert_memory_equal(md, one, 32);
}

/* A context can be reused after init; final does not depend on leftovers. */
static void test_reuse_context(void **state)
{
    struct sha256 c;
    unsigned char md[32];
    char hex[65];
    size_t i;

    (void)state;
    sha256_init(&c);
    sha256_update(&c, "something else entirely", 23);
    sha256_final(&c, md);
    sha256_init(&c);
    sha256_update(&c, "abc", 3);
    sha256_final(&c, md);
    for (i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bits),
        cmocka_unit_test(test_896_bits),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_padding_boundaries),
        cmocka_unit_test(test_incremental_splits),
        cmocka_unit_test(test_byte_at_a_time),
        cmocka_unit_test(test_reuse_context),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
