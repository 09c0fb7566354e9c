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
    public required string DisplayName { get; set; }
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
    public DateTime CreatedAtUtc { get; set; }

    public List<ProducerProduct> Products { get; set; } = [];
}
