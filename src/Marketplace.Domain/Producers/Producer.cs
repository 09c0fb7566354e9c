using Marketplace.Domain.Regions;

namespace Marketplace.Domain.Producers;

/// <summary>
/// A person, family, cooperative, association or women's organization that sells at fairs.
/// Only the fields marked public are shown to visitors (Ley 29733, LGPD).
/// </summary>
public class Producer
{
    public int Id { get; set; }
    /// <summary>The Identity account, if the producer has one (assisted producers may not).</summary>
    public string? UserId { get; set; }
    public required string DisplayName
    {
        get;
        set
        {
            field = value;
            SearchName = Search.SearchText.Normalize(value);
        }
    }
    /// <summary>The display name as search compares it (<see cref="Search.SearchText.Normalize"/>), kept with it.</summary>
    public string? SearchName { get; private set; }
    public OrganizationType OrganizationType { get; set; }
    public int? MemberCount { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    public string? Community { get; set; }
    public string? Phone { get; set; }
    public string? Story { get; set; }
    public string? ProductsNote { get; set; }
    public bool IsPhonePublic { get; set; }
    public bool IsStoryPublic { get; set; } = true;
    public bool IsCommunityPublic { get; set; } = true;
    public bool IsContactPublic { get; set; }
    public bool IsPhotoPublic { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The person to talk to for an organization.</summary>
    public string? ContactName { get; set; }
    /// <summary>Optional; used only in anonymous statistics (e.g. women-led producers).</summary>
    public Gender? ContactGender { get; set; }
    /// <summary>National ID (DNI, CPF), asked only when staff register a producer without e-mail.</summary>
    public string? NationalId { get; set; }
    /// <summary>Registered by staff on the producer's behalf (no e-mail of its own yet).</summary>
    public bool IsAssisted { get; set; }
    /// <summary>Stall fees are waived for this producer (set by staff).</summary>
    public bool IsFeeWaived { get; set; }
    /// <summary>The web-sized profile photo, stored in the database.</summary>
    public Guid? PhotoFileId { get; set; }
    /// <summary>SHA-256 of the secret token of the producer's private calendar feed; replaced to revoke it.</summary>
    public string? CalendarTokenHash { get; set; }
    /// <summary>The same token encrypted with the site's keys, so its page can show the feed's address again.</summary>
    public string? CalendarTokenCipher { get; set; }
    /// <summary>Set when the account was deleted: the row stays, anonymized, for past bookings' statistics.</summary>
    public DateTime? DeletedAtUtc { get; set; }

    public bool IsWomensOrganization => OrganizationType == OrganizationType.WomensOrganization;

    public List<ProducerProduct> Products { get; set; } = [];
}
