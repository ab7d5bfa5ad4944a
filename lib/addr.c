/* addr: loopback, private and link-local addresses, told apart. */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

/* Is the IPv4 address a (network byte order, as bytes) outside the internet? */
static int
local4(const unsigned char *a)
{
	if (a[0] == 0 || a[0] == 10 || a[0] == 127 || a[0] >= 224)
		return 1;	/* this host, private, loopback, multicast+ */
	if (a[0] == 100 && (a[1] & 0xc0) == 64)
		return 1;	/* 100.64/10 shared address space */
	if (a[0] == 169 && a[1] == 254)
		return 1;	/* link-local */
	if (a[0] == 172 && (a[1] & 0xf0) == 16)
		return 1;	/* 172.16/12 */
	if (a[0] == 192 && a[1] == 168)
		return 1;
	if (a[0] == 192 && a[1] == 0 && a[2] == 0)
		return 1;	/* IETF protocol assignments */
	if (a[0] == 198 && (a[1] & 0xfe) == 18)
		return 1;	/* 198.18/15 benchmarking */
	return 0;
}

static int
local6(const unsigned char *a)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xff, 0xff };
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };
	static const unsigned char zero[16];

	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return local4(a + 12);
	if (memcmp(a, zero, 15) == 0 && a[15] <= 1)
		return 1;	/* :: and ::1 */
	if ((a[0] & 0xfe) == 0xfc)
		return 1;	/* fc00::/7 unique local */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return 1;	/* fe80::/10 link-local */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return 1;	/* fec0::/10 site-local (deprecated) */
	if (a[0] == 0xff)
		return 1;	/* multicast */
	return 0;
}

/* The test hook: is sa the address ZB_FETCH_PUBLIC names? */
static int
test_public(const struct sockaddr *sa)
{
	const char *e = getenv("ZB_FETCH_PUBLIC");
	unsigned char a[16];

	if (e == NULL || *e == '\0')
		return 0;
	if (sa->sa_family == AF_INET && inet_pton(AF_INET, e, a) == 1)
		return memcmp(a, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, 4) == 0;
	if (sa->sa_family == AF_INET6 && inet_pton(AF_INET6, e, a) == 1)
		return memcmp(a, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, 16) == 0;
	return 0;
}

int
addr_local(const struct sockaddr *sa)
{
	const struct sockaddr_in *s4;
	const struct sockaddr_in6 *s6;

	if (test_public(sa))
		return 0;
	if (sa->sa_family == AF_INET) {
		s4 = (const struct sockaddr_in *)(const void *)sa;
		return local4((const unsigned char *)&s4->sin_addr);
	}
	if (sa->sa_family == AF_INET6) {
		s6 = (const struct sockaddr_in6 *)(const void *)sa;
		return local6((const unsigned char *)&s6->sin6_addr);
	}
	return 1;	/* not an internet address at all */
}

int
addr_local_str(const char *ip)
{
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;

	memset(&s4, 0, sizeof(s4));
	memset(&s6, 0, sizeof(s6));
	if (inet_pton(AF_INET, ip, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return addr_local((struct sockaddr *)&s4);
	}
	if (inet_pton(AF_INET6, ip, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		return addr_local((struct sockaddr *)&s6);
	}
	return -1;
}

int
addr_host_local(const char *host)
{
	struct addrinfo hints, *res, *p;
	int local = 1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &res) != 0)
		return 0;
	for (p = res; p != NULL; p = p->ai_next)
		if (p->ai_addr == NULL || !addr_local(p->ai_addr))
			local = 0;
	freeaddrinfo(res);
	return local;
}
