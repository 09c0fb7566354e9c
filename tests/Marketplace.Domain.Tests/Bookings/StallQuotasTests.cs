using Marketplace.Domain.Bookings;
using Marketplace.Domain.Producers;
using Xunit;
using static Marketplace.Domain.Tests.Bookings.Fixtures;

namespace Marketplace.Domain.Tests.Bookings;

public class StallQuotasTests
{
    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(20, 10, 2)]
    [InlineData(25, 10, 3)]
    [InlineData(1, 10, 1)]
    [InlineData(33, 3, 1)]
    [InlineData(100, 7, 7)]
    [InlineData(150, 7, 7)]
    [InlineData(50, 0, 0)]
    public void Reserved_stalls_are_the_percentage_of_the_days_stalls_rounded_up(int percent, int stalls, int reserved)
    {
        var quotas = StallQuotas.For(Series(womenPercent: percent, localPercent: percent), stalls);

        Assert.Equal(reserved, quotas.WomenReserved);
        Assert.Equal(reserved, quotas.LocalReserved);
    }

    [Fact]
    public void Eligibility_comes_from_the_organization_type_and_the_organizing_municipality()
    {
        var series = Series();

        Assert.Equal(new QuotaEligibility(true, false), QuotaEligibility.Of(Woman(), series));
        Assert.Equal(new QuotaEligibility(false, true), QuotaEligibility.Of(Local(), series));
        Assert.Equal(new QuotaEligibility(true, true),
            QuotaEligibility.Of(Producer(type: OrganizationType.WomensOrganization, municipalityId: Organizer), series));
        Assert.Equal(new QuotaEligibility(false, false), QuotaEligibility.Of(Producer(type: OrganizationType.Cooperative), series));
    }

    [Fact]
    public void Reserved_stalls_held_by_eligible_producers_are_used()
    {
        var quotas = new StallQuotas(WomenReserved: 2, LocalReserved: 2);
        QuotaEligibility[] holders = [Women, new(true, true), Nobody];

        Assert.Equal(0, quotas.WomenOpen(holders));
        Assert.Equal(1, quotas.LocalOpen(holders));
    }

    [Fact]
    public void A_producer_keeps_free_only_the_reserves_of_quotas_it_is_not_eligible_for()
    {
        var quotas = new StallQuotas(WomenReserved: 2, LocalReserved: 1);

        Assert.Equal(3, quotas.StallsToKeepFree(Nobody, []));
        Assert.Equal(1, quotas.StallsToKeepFree(Women, []));
        Assert.Equal(2, quotas.StallsToKeepFree(Locals, []));
        Assert.Equal(0, quotas.StallsToKeepFree(new QuotaEligibility(true, true), []));
    }

    [Fact]
    public void A_non_eligible_producer_may_take_a_stall_only_while_the_rest_covers_the_reserves()
    {
        var quotas = new StallQuotas(WomenReserved: 2, LocalReserved: 1);

        Assert.True(quotas.Allow(Nobody, 4, []));
        Assert.False(quotas.Allow(Nobody, 3, []));
        Assert.True(quotas.Allow(Women, 2, []));
        Assert.True(quotas.Allow(new QuotaEligibility(true, true), 1, []));
        Assert.False(quotas.Allow(Nobody, 0, []));
    }

    [Fact]
    public void Without_quotas_any_free_stall_may_be_taken()
    {
        Assert.True(StallQuotas.None.Allow(Nobody, 1, []));
    }
}
