using Marketplace.Domain.Notices;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Regions;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// Tells a producer something: by e-mail through the outbox, in the producer's language and
/// with its region's name, or — for a producer without a confirmed e-mail address — as a
/// notice on the municipality staff's "to tell by phone" list. Either way it is only added to
/// the caller's DbContext: the caller saves it with the change that caused it.
/// </summary>
public sealed class ProducerMessenger(MarketplaceDbContext db, Outbox outbox, MailComposer composer, RegionBrands brands,
    TimeProvider clock)
{
    // Accounts read ahead for a group of notices (see PrepareAsync), by user id.
    private readonly Dictionary<string, Account> _accounts = [];

    /// <summary>
    /// Reads the accounts of many producers in one query, for the notices about to be sent to
    /// them in this scope (a group of bookings); <see cref="NotifyAsync"/> reads any other itself.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<Producer> producers, CancellationToken cancellationToken)
    {
        var userIds = producers.Select(p => p.UserId).OfType<string>().Where(id => !_accounts.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in userIds.Chunk(500))
        {
            var accounts = await AccountsWhere(u => chunk.Contains(u.Id)).ToListAsync(cancellationToken);
            foreach (var account in accounts)
            {
                _accounts[account.UserId] = account;
            }
        }
    }

    /// <returns>True when an e-mail was queued, false when a phone notice was.</returns>
    public async Task<bool> NotifyAsync(Producer producer, string kind, string template, string? link,
        params object[] values)
    {
        var region = await brands.ForMunicipalityAsync(producer.MunicipalityId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Municipality {producer.MunicipalityId} has no region.");
        var account = producer.UserId is null
            ? null
            : _accounts.GetValueOrDefault(producer.UserId)
                ?? await AccountsWhere(u => u.Id == producer.UserId).SingleOrDefaultAsync();

        if (account is { EmailConfirmed: true, Email: not null } && producer.DeletedAtUtc is null)
        {
            outbox.Enqueue(account.Email, producer.DisplayName, account.PreferredCulture, kind, template, region.Mail,
                link, values);
            return true;
        }

        var mail = composer.Compose(template, region.DefaultCulture, region.Mail, link, values);
        db.PhoneNotices.Add(new PhoneNotice
        {
            ProducerId = producer.Id,
            MunicipalityId = producer.MunicipalityId,
            Subject = mail.Subject,
            Text = mail.Text,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        return false;
    }

    private IQueryable<Account> AccountsWhere(System.Linq.Expressions.Expression<Func<AppUser, bool>> predicate) =>
        db.Users.AsNoTracking().Where(predicate)
            .Select(u => new Account(u.Id, u.Email, u.EmailConfirmed, u.PreferredCulture));

    private sealed record Account(string UserId, string? Email, bool EmailConfirmed, string PreferredCulture);
}
