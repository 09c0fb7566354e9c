using System.Security.Cryptography;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Producers;

/// <summary>
/// The secret in a producer's private calendar feed address (<see cref="SecretLinkToken"/>). A
/// calendar app cannot sign in, so whoever knows the address sees the bookings; replacing the token
/// revokes it. The feed is found by the token's SHA-256; the token itself is kept only encrypted
/// with the site's data-protection keys, so the producer's page can show the address again.
/// </summary>
public sealed class CalendarFeedTokens(MarketplaceDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Marketplace.Producers.CalendarToken");

    /// <summary>The producer's token, created on first use; two first views at once agree on one.</summary>
    public async Task<string> EnsureAsync(int producerId, CancellationToken cancellationToken)
    {
        if (Reveal(await CipherAsync(producerId, cancellationToken)) is { } token)
        {
            return token;
        }
        var candidate = SecretLinkToken.New();
        // Only where none is set (or the keys that encrypted it are gone): a concurrent first view keeps its own.
        var current = await CipherAsync(producerId, cancellationToken);
        await db.Producers
            .Where(p => p.Id == producerId && p.CalendarTokenCipher == current)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.CalendarTokenHash, SecretLinkToken.Hash(candidate))
                .SetProperty(p => p.CalendarTokenCipher, _protector.Protect(candidate)), cancellationToken);
        return Reveal(await CipherAsync(producerId, cancellationToken)) ?? candidate;
    }

    /// <summary>Replaces the token: the old address answers 404 from now on.</summary>
    public async Task<string> ReplaceAsync(int producerId, CancellationToken cancellationToken)
    {
        var token = SecretLinkToken.New();
        await db.Producers
            .Where(p => p.Id == producerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.CalendarTokenHash, SecretLinkToken.Hash(token))
                .SetProperty(p => p.CalendarTokenCipher, _protector.Protect(token)), cancellationToken);
        return token;
    }

    /// <summary>The producer whose feed the token opens, or null (unknown, revoked, malformed, deleted).</summary>
    public async Task<int?> ProducerIdAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretLinkToken.LooksValid(token))
        {
            return null;
        }
        var hash = SecretLinkToken.Hash(token!);
        return await db.Producers.AsNoTracking()
            .Where(p => p.CalendarTokenHash == hash && p.DeletedAtUtc == null)
            .Select(p => (int?)p.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private Task<string?> CipherAsync(int producerId, CancellationToken cancellationToken) =>
        db.Producers.AsNoTracking()
            .Where(p => p.Id == producerId)
            .Select(p => p.CalendarTokenCipher)
            .SingleOrDefaultAsync(cancellationToken);

    private string? Reveal(string? cipher)
    {
        if (cipher is null)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(cipher);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone: a new token is issued, the old address stops working.
            return null;
        }
    }
}
