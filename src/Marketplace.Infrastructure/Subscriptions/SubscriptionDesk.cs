using Marketplace.Domain.Mail;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>
/// Subscribing, confirming, changing and deleting residents' alerts. Every call that finds a
/// subscription does so by its link's token; an unknown or malformed token finds nothing.
/// </summary>
public sealed class SubscriptionDesk(MarketplaceDbContext db, SubscriptionTokens tokens, SubscriberAlerts alerts,
    TimeProvider clock)
{
    /// <summary>A second confirmation mail to one address waits this long: the form cannot be used to flood someone.</summary>
    public static readonly TimeSpan ConfirmationPause = TimeSpan.FromHours(1);

    /// <summary>
    /// Records an unconfirmed subscription and queues its confirmation mail, in one save. Does
    /// nothing (and says nothing different to the visitor) when the address got one a moment ago.
    /// </summary>
    public async Task<bool> SubscribeAsync(string email, string culture, SubscriptionPlace place,
        IReadOnlyCollection<int> productCategoryIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var address = email.Trim();
        var recent = now - ConfirmationPause;
        if (await db.Subscriptions.AnyAsync(s => s.Email == address && s.ConfirmedAtUtc == null && s.CreatedAtUtc > recent,
                cancellationToken))
        {
            return false;
        }
        var token = tokens.Issue();
        var subscription = new Subscription
        {
            Email = address,
            Culture = culture,
            TokenHash = token.Hash,
            TokenCipher = token.Cipher,
            CreatedAtUtc = now,
            Products = productCategoryIds.Distinct().Select(id => new SubscriptionProduct { ProductCategoryId = id }).ToList(),
        };
        subscription.PlaceAt(place);
        db.Subscriptions.Add(subscription);
        await alerts.QueueConfirmationAsync(subscription, token.Token, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The subscription a link's token opens, with its products; null for an unknown token.</summary>
    public async Task<Subscription?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SecretLinkToken.LooksValid(token))
        {
            return null;
        }
        var hash = SecretLinkToken.Hash(token!);
        return await db.Subscriptions.Include(s => s.Products).SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    public async Task<bool> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null)
        {
            return false;
        }
        subscription.Confirm(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> ChangeAsync(string? token, SubscriptionPlace place, IReadOnlyCollection<int> productCategoryIds,
        CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null)
        {
            return false;
        }
        subscription.PlaceAt(place);
        subscription.Products.RemoveAll(p => !productCategoryIds.Contains(p.ProductCategoryId));
        subscription.Products.AddRange(productCategoryIds.Distinct()
            .Where(id => subscription.Products.All(p => p.ProductCategoryId != id))
            .Select(id => new SubscriptionProduct { SubscriptionId = subscription.Id, ProductCategoryId = id }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes the subscription and its data: the row, its products, and — once no other
    /// subscription uses the address — the alert mails kept or waiting in the outbox for it.
    /// </summary>
    public async Task<bool> DeleteAsync(string? token, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null)
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var email = subscription.Email;
        if (!await db.Subscriptions.AnyAsync(s => s.Email == email, cancellationToken))
        {
            string[] kinds = [SubscriberAlerts.ConfirmKind, SubscriberAlerts.DigestKind, SubscriberAlerts.ChangeKind];
            var now = clock.GetUtcNow().UtcDateTime;
            // Waiting mails go too (nothing more is sent), except one a sender holds right now.
            await db.OutboxMessages
                .Where(m => m.ToAddress == email && kinds.Contains(m.Kind)
                    && (m.Status != OutboxStatus.Pending || m.LeasedUntilUtc == null || m.LeasedUntilUtc < now))
                .ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
