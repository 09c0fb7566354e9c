using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;

namespace Marketplace.Domain.Bookings;

/// <summary>Which reserved shares of a series' stalls a producer may use.</summary>
/// <param name="WomensOrganization">The producer is a women's organization.</param>
/// <param name="Local">The producer belongs to the series' organizing municipality.</param>
public readonly record struct QuotaEligibility(bool WomensOrganization, bool Local)
{
    public static QuotaEligibility Of(Producer producer, FairSeries series) =>
        Of(producer.OrganizationType, producer.MunicipalityId, series);

    public static QuotaEligibility Of(OrganizationType organizationType, int municipalityId, FairSeries series) =>
        new(organizationType == OrganizationType.WomensOrganization, municipalityId == series.OrganizerMunicipalityId);
}
