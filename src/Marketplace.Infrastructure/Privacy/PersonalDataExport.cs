using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Privacy;

/// <summary>
/// Everything the site holds about one account, for the person to download (Ley 29733, LGPD):
/// the account, the producer profile, products, certifications (file names, not the documents),
/// bookings, series applications, phone notices and the e-mails written to the address.
/// </summary>
public sealed class PersonalDataExport(MarketplaceDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable names and places (á, ç, ñ), still safe to open in a browser.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The data of the account <paramref name="userId"/>; null when there is no such account.</summary>
    public async Task<PersonalData?> CollectAsync(string userId, string culture, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(name => name)
            .ToListAsync(cancellationToken);
        var account = new AccountData(user.Email, user.EmailConfirmed, user.PreferredCulture, user.PhoneNumber, roles);
        var emails = user.Email is null
            ? []
            : await db.OutboxMessages.AsNoTracking()
                .Where(m => m.ToAddress == user.Email)
                .OrderBy(m => m.CreatedAtUtc)
                .Select(m => new EmailData(m.Subject, m.Kind, m.Status, m.CreatedAtUtc, m.SentAtUtc))
                .ToListAsync(cancellationToken);

        var producer = await db.Producers.AsNoTracking()
            .Include(p => p.Municipality)
            .SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (producer is null)
        {
            return new PersonalData(clock.GetUtcNow().UtcDateTime, account, null, [], [], [], [], [], emails);
        }

        var photo = producer.PhotoFileId is { } photoId ? await FileAsync(photoId, cancellationToken) : null;
        var products = await db.ProducerProducts.AsNoTracking()
            .Where(pp => pp.ProducerId == producer.Id)
            .Select(pp => pp.ProductCategory!)
            .OrderBy(c => c.SortOrder)
            .ToListAsync(cancellationToken);
        var certifications = new List<CertificationData>();
        foreach (var c in await db.Certifications.AsNoTracking()
                     .Where(c => c.ProducerId == producer.Id)
                     .OrderBy(c => c.CreatedAtUtc)
                     .ToListAsync(cancellationToken))
        {
            var document = c.DocumentFileId is { } fileId ? await FileAsync(fileId, cancellationToken) : null;
            certifications.Add(new CertificationData(c.Kind, c.Certifier, c.Code, c.GroupName, c.ValidFrom, c.ValidTo,
                c.Status, c.DecisionReason, c.DecidedAtUtc, c.CreatedAtUtc, document));
        }
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.ProducerId == producer.Id)
            .OrderBy(b => b.FairDay!.StartsAtUtc)
            .Select(b => new BookingData(
                b.FairDay!.Date, b.FairDay.StartTime, b.FairDay.EndTime, b.FairDay.FairSeries!.Name,
                b.FairDay.Venue!.Name, b.FairDay.Venue.Municipality!.Name, b.Stall == null ? null : b.Stall.Code,
                b.Status, b.WaitlistPosition, b.FeeAmount, b.FairDay.Venue.Municipality.CurrencyCode, b.IsFeeWaived,
                b.CreatedAtUtc, b.CancelledAtUtc,
                b.Items.OrderBy(i => i.Id).Select(i => new BookingItemData(i.Description, i.Quantity)).ToList()))
            .ToListAsync(cancellationToken);
        var memberships = await db.SeriesMemberships.AsNoTracking()
            .Where(m => m.ProducerId == producer.Id)
            .OrderBy(m => m.AppliedAtUtc)
            .Select(m => new SeriesMembershipData(m.FairSeries!.Name, m.Status, m.DecisionReason, m.AppliedAtUtc,
                m.DecidedAtUtc))
            .ToListAsync(cancellationToken);
        var notices = await db.PhoneNotices.AsNoTracking()
            .Where(n => n.ProducerId == producer.Id)
            .OrderBy(n => n.CreatedAtUtc)
            .Select(n => new PhoneNoticeData(n.Subject, n.Text, n.CreatedAtUtc, n.DoneAtUtc))
            .ToListAsync(cancellationToken);

        var profile = new ProducerData(producer.DisplayName, producer.OrganizationType, producer.MemberCount,
            producer.Municipality?.Name, producer.Community, producer.Phone, producer.ContactName, producer.ContactGender,
            producer.NationalId, producer.Story, producer.ProductsNote, producer.IsAssisted, producer.IsFeeWaived,
            producer.CreatedAtUtc,
            new PublicFieldsData(producer.IsPhonePublic, producer.IsStoryPublic, producer.IsCommunityPublic,
                producer.IsContactPublic, producer.IsPhotoPublic),
            photo, producer.CalendarTokenHash is not null);
        return new PersonalData(clock.GetUtcNow().UtcDateTime, account, profile,
            products.Select(c => new ProductData(c.Code, c.NameFor(culture))).ToList(),
            certifications, bookings, memberships, notices, emails);
    }

    /// <summary>The data as an indented UTF-8 JSON document.</summary>
    public static byte[] ToJson(PersonalData data) => JsonSerializer.SerializeToUtf8Bytes(data, Json);

    private Task<FileData?> FileAsync(Guid id, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == id)
            .Select(f => new FileData(f.FileName, f.ContentType, f.Length))
            .SingleOrDefaultAsync(cancellationToken);
}

public sealed record PersonalData(
    DateTime ExportedAtUtc,
    AccountData Account,
    ProducerData? Producer,
    IReadOnlyList<ProductData> Products,
    IReadOnlyList<CertificationData> Certifications,
    IReadOnlyList<BookingData> Bookings,
    IReadOnlyList<SeriesMembershipData> SeriesMemberships,
    IReadOnlyList<PhoneNoticeData> PhoneNotices,
    IReadOnlyList<EmailData> Emails);

public sealed record AccountData(string? Email, bool EmailConfirmed, string PreferredCulture, string? PhoneNumber,
    IReadOnlyList<string> Roles);

public sealed record ProducerData(string DisplayName, OrganizationType OrganizationType, int? MemberCount,
    string? Municipality, string? Community, string? Phone, string? ContactName, Gender? ContactGender,
    string? NationalId, string? Story, string? ProductsNote, bool IsAssisted, bool IsFeeWaived, DateTime CreatedAtUtc,
    PublicFieldsData PublicFields, FileData? Photo, bool HasCalendarFeed);

public sealed record PublicFieldsData(bool Phone, bool Story, bool Community, bool Contact, bool Photo);

/// <summary>A stored file described by name, type and size; its bytes are not part of the export.</summary>
public sealed record FileData(string FileName, string ContentType, long Length);

public sealed record ProductData(string Code, string Name);

public sealed record CertificationData(CertificationKind Kind, string? Certifier, string? Code, string? GroupName,
    DateOnly ValidFrom, DateOnly ValidTo, CertificationStatus Status, string? DecisionReason, DateTime? DecidedAtUtc,
    DateTime CreatedAtUtc, FileData? Document);

public sealed record BookingData(DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Series, string Venue,
    string Municipality, string? Stall, BookingStatus Status, int? WaitlistPosition, decimal FeeAmount, string Currency,
    bool FeeWaived, DateTime CreatedAtUtc, DateTime? CancelledAtUtc, IReadOnlyList<BookingItemData> Items);

public sealed record BookingItemData(string Description, string? Quantity);

public sealed record SeriesMembershipData(string Series, SeriesMembershipStatus Status, string? DecisionReason,
    DateTime AppliedAtUtc, DateTime? DecidedAtUtc);

public sealed record PhoneNoticeData(string Subject, string Text, DateTime CreatedAtUtc, DateTime? DoneAtUtc);

public sealed record EmailData(string Subject, string Kind, OutboxStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc);
