using Marketplace.Domain.Notices;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
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
    /// <returns>True when an e-mail was queued, false when a phone notice was.</returns>
    public async Task<bool> NotifyAsync(Producer producer, string kind, string template, string? link,
        params object[] values)
    {
        var region = await brands.ForMunicipalityAsync(producer.MunicipalityId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Municipality {producer.MunicipalityId} has no region.");
        var account = producer.UserId is null
            ? null
            : await db.Users.AsNoTracking()
                .Where(u => u.Id == producer.UserId)
                .Select(u => new { u.Email, u.EmailConfirmed, u.PreferredCulture })
                .SingleOrDefaultAsync();

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
}
