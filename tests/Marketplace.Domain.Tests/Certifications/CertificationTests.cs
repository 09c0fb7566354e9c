using Marketplace.Domain.Certifications;
using Xunit;

namespace Marketplace.Domain.Tests.Certifications;

/// <summary>The organic badge shows only while a certification is verified, organic and valid.</summary>
public class CertificationTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static Certification Organic(CertificationKind kind = CertificationKind.ThirdPartyOrganic,
        DateOnly? from = null, DateOnly? to = null) => new()
    {
        ProducerId = 1,
        Kind = kind,
        Certifier = "BioLatina",
        Code = "PE-BIO-0042",
        ValidFrom = from ?? new DateOnly(2026, 1, 1),
        ValidTo = to ?? new DateOnly(2026, 12, 31),
        Status = CertificationStatus.Pending,
    };

    [Theory]
    [InlineData(CertificationKind.ThirdPartyOrganic)]
    [InlineData(CertificationKind.ParticipatoryGuarantee)]
    public void A_verified_organic_certification_gives_the_badge_while_valid(CertificationKind kind)
    {
        var certification = Organic(kind);
        certification.Verify("staff-1", DateTime.UtcNow);

        Assert.True(certification.GivesOrganicBadgeOn(Today));
    }

    [Fact]
    public void The_badge_holds_on_the_first_and_the_last_valid_day()
    {
        var certification = Organic(from: Today, to: Today);
        certification.Verify("staff-1", DateTime.UtcNow);

        Assert.True(certification.GivesOrganicBadgeOn(Today));
        Assert.False(certification.GivesOrganicBadgeOn(Today.AddDays(-1)));
        Assert.False(certification.GivesOrganicBadgeOn(Today.AddDays(1)));
    }

    [Fact]
    public void A_certification_in_transition_never_gives_the_badge()
    {
        var certification = Organic(CertificationKind.InTransition);
        certification.Verify("staff-1", DateTime.UtcNow);

        Assert.False(certification.GivesOrganicBadgeOn(Today));
    }

    [Fact]
    public void An_expired_certification_gives_no_badge()
    {
        var certification = Organic(to: Today.AddDays(-1));
        certification.Verify("staff-1", DateTime.UtcNow);

        Assert.False(certification.GivesOrganicBadgeOn(Today));
    }

    [Fact]
    public void A_certification_not_yet_valid_gives_no_badge()
    {
        var certification = Organic(from: Today.AddDays(1));
        certification.Verify("staff-1", DateTime.UtcNow);

        Assert.False(certification.GivesOrganicBadgeOn(Today));
    }

    [Fact]
    public void A_pending_certification_gives_no_badge()
    {
        Assert.False(Organic().GivesOrganicBadgeOn(Today));
    }

    [Fact]
    public void A_declined_certification_gives_no_badge_and_keeps_its_reason()
    {
        var certification = Organic();
        certification.Decline("staff-1", "El código no figura en el registro de la certificadora.", DateTime.UtcNow);

        Assert.False(certification.GivesOrganicBadgeOn(Today));
        Assert.Equal(CertificationStatus.Declined, certification.Status);
        Assert.Equal("El código no figura en el registro de la certificadora.", certification.DecisionReason);
    }

    [Fact]
    public void Declining_needs_a_reason()
    {
        Assert.ThrowsAny<ArgumentException>(() => Organic().Decline("staff-1", " ", DateTime.UtcNow));
    }

    [Fact]
    public void Verifying_a_declined_certification_clears_the_old_reason()
    {
        var certification = Organic();
        certification.Decline("staff-1", "Documento ilegible", DateTime.UtcNow);

        certification.Verify("staff-2", DateTime.UtcNow);

        Assert.Equal(CertificationStatus.Verified, certification.Status);
        Assert.Null(certification.DecisionReason);
        Assert.Equal("staff-2", certification.DecidedByUserId);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-1, false)]
    public void Due_means_still_valid_and_at_most_30_days_left(int daysLeft, bool due)
    {
        var today = new DateOnly(2026, 3, 1);
        Assert.Equal(due, Certification.IsExpiryReminderDue(today.AddDays(daysLeft), today));
    }
}
