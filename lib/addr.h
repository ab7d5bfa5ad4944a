/*
 * addr: which network addresses zb-fetch does not reach from a page it
 * found on the open internet: loopback, private, link-local, shared
 * (CGNAT), benchmarking, multicast and reserved ranges, in IPv4 and IPv6
 * (an IPv4-mapped or NAT64 address is judged by its IPv4 part).
 *
 * ZB_FETCH_PUBLIC (tests only) names one numeric address that is judged
 * public whatever its range, so a test server on 127.0.0.2 can play a
 * site on the internet.
 *
 * Nothing is allocated; every function is pure but for the environment
 * and, in addr_host_local(), the resolver.
 */
#ifndef ADDR_H
#define ADDR_H

#include <sys/socket.h>

/* 1 if sa, an AF_INET or AF_INET6 address, is not public; else 0. */
int	addr_local(const struct sockaddr *sa);
/* The same for a numeric address ip ("10.0.0.1", "::1"); -1: not one. */
int	addr_local_str(const char *ip);
/*
 * 1 if host (a name or numeric address, IPv6 without brackets) resolves
 * only to addresses that are not public; 0 if any is public or it does
 * not resolve.
 */
int	addr_host_local(const char *host);

#endif
