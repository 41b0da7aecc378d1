#include "net/host_allowlist.hpp"

#include <gtest/gtest.h>

using namespace thrive::net;

TEST(Endpoint, ParsesHostPortAndScheme) {
    auto a = parse_endpoint("Public.API.learn.link");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "public.api.learn.link");
    EXPECT_EQ(a->port, 443);
    EXPECT_TRUE(a->tls);
    auto b = parse_endpoint("https://localhost:8443/");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->port, 8443);
    auto c = parse_endpoint("http://127.0.0.1:9000");
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->tls);
    auto d = parse_endpoint("[::1]:8443");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->host, "::1");
    EXPECT_EQ(d->display(), "[::1]:8443");
}

TEST(Endpoint, RefusesAnythingButAHost) {
    for (const char* bad : {"", "host/path", "user@host", "host:0", "host:70000", "host:12ab", "ftp://host", "a b",
                            "host:"})
        EXPECT_FALSE(parse_endpoint(bad)) << bad;
}

TEST(HostAllowlist, RegionHostsByDefault) {
    HostAllowlist list;
    for (const char* h : kRegionHosts) EXPECT_TRUE(list.allows(*parse_endpoint(h))) << h;
    EXPECT_FALSE(list.allows(*parse_endpoint("localhost:8443")));
    EXPECT_FALSE(list.allows(*parse_endpoint("http://public.api.learn.link")));
    EXPECT_TRUE(list.add("localhost:8443"));
    EXPECT_TRUE(list.allows(*parse_endpoint("LOCALHOST:8443")));
    EXPECT_FALSE(list.allows(*parse_endpoint("localhost:8444")));
    EXPECT_FALSE(list.add("not a host"));
    // Plain HTTP only on loopback: Basic credentials never cross a network in clear.
    EXPECT_TRUE(list.add("http://127.0.0.1:8081"));
    EXPECT_TRUE(list.add("http://localhost:8081"));
    EXPECT_FALSE(list.add("http://proxy.internal:8080"));
    EXPECT_FALSE(list.add("http://10.0.0.5:8080"));
}
