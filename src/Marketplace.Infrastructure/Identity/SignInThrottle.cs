using System.Net;
using System.Net.Sockets;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Identity;

/// <summary>What the sign-in form may do for one e-mail and client address.</summary>
public enum SignInStanding
{
    /// <summary>No failure on record.</summary>
    Clear,
    /// <summary>Some failures, fewer than the limit: a success clears them.</summary>
    HasFailures,
    /// <summary>Too many failures lately: the password is not even checked.</summary>
    LockedOut,
}

/// <summary>
/// The sign-in lockout, counted per typed e-mail and client address in the database (so every web
/// node sees it) instead of Identity's per-account count, which let anyone lock a known account:
/// <c>Lockout:MaxFailedAccessAttempts</c> failures from one address lock that address out of that
/// e-mail for <c>Lockout:DefaultLockoutTimeSpan</c>; other addresses still sign in. Unknown e-mails are
/// counted alike, so the lockout does not tell which addresses have an account. Failures are counted
/// with atomic updates; a burst of parallel posts may each check the password once before the lock
/// lands, a burst the per-address rate limit keeps small.
/// </summary>
public sealed class SignInThrottle(MarketplaceDbContext db, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    // A row with no failure for a day says nothing any more.
    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    private LockoutOptions Lockout => identity.Value.Lockout;

    public async Task<SignInStanding> StandingAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        var (key, from) = (Normalize(email), ClientKey(client));
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.SignInFailures.AsNoTracking()
            .Where(f => f.Email == key && f.ClientAddress == from)
            .Select(f => new { f.LockedUntilUtc })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? SignInStanding.Clear
            : row.LockedUntilUtc > now ? SignInStanding.LockedOut
            : SignInStanding.HasFailures;
    }

    /// <summary>Counts a failure; true when it locks the pair out.</summary>
    public async Task<bool> FailedAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        var (key, from) = (Normalize(email), ClientKey(client));
        var now = clock.GetUtcNow().UtcDateTime;
        var countFrom = now - Lockout.DefaultLockoutTimeSpan;
        var pair = db.SignInFailures.Where(f => f.Email == key && f.ClientAddress == from);

        // An old count or an ended lock starts over at one.
        var counted = await pair.ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Count, f => f.LastFailureAtUtc < countFrom || f.LockedUntilUtc <= now ? 1 : f.Count + 1)
            .SetProperty(f => f.LockedUntilUtc, f => f.LockedUntilUtc <= now ? null : f.LockedUntilUtc)
            .SetProperty(f => f.LastFailureAtUtc, now), cancellationToken);
        if (counted == 0 && !await AddFirstAsync(key, from, now, cancellationToken))
        {
            // A parallel failure added the row first: count on it.
            await pair.ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Count, f => f.Count + 1)
                .SetProperty(f => f.LastFailureAtUtc, now), cancellationToken);
        }

        var lockedUntil = now + Lockout.DefaultLockoutTimeSpan;
        await pair.Where(f => f.Count >= Lockout.MaxFailedAccessAttempts && (f.LockedUntilUtc == null || f.LockedUntilUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntilUtc, lockedUntil), cancellationToken);
        return await StandingAsync(email, client, cancellationToken) == SignInStanding.LockedOut;
    }

    /// <summary>A right password from this address forgets its failures.</summary>
    public Task SucceededAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        var (key, from) = (Normalize(email), ClientKey(client));
        return db.SignInFailures.Where(f => f.Email == key && f.ClientAddress == from).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> AddFirstAsync(string key, string from, DateTime now, CancellationToken cancellationToken)
    {
        var forgotten = now - Forgotten;
        await db.SignInFailures.Where(f => f.LastFailureAtUtc < forgotten && (f.LockedUntilUtc == null || f.LockedUntilUtc < now))
            .ExecuteDeleteAsync(cancellationToken);
        var row = db.SignInFailures.Add(new SignInFailure { Email = key, ClientAddress = from, Count = 1, LastFailureAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            row.State = EntityState.Detached;
        }
    }

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>
    /// The client as the lockout counts it. An IPv6 client usually holds a whole /64 network, so the
    /// network is the client; an IPv4 address written as IPv6 is the IPv4 address.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
