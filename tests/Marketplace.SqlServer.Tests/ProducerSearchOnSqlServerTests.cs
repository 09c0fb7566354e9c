using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.SqlServer.Tests;

/// <summary>
/// The search terms of producers' names on SQL Server: kept with the name by the same save, and
/// looked up by prefix as the fair-day search does (a range in code-point order, which the
/// column's binary collation gives SQL Server as SQLite has it), whatever case and accents are typed.
/// </summary>
public class ProducerSearchOnSqlServerTests(SqlServerDatabase database) : IClassFixture<SqlServerDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("quin", new[] { 0 })]
    [InlineData("QUÍNUA", new[] { 0 })]
    [InlineData("nunoa", new[] { 1 })]
    [InlineData("Ñuñoa", new[] { 1 })]
    [InlineData("mujer", new[] { 1, 2 })]
    [InlineData("z", new[] { 2 })]
    [InlineData("Quinuas", new int[0])]
    public async Task A_typed_word_finds_the_producers_with_a_word_starting_with_it(string typed, int[] expected)
    {
        Assert.SkipUnless(database.Available, database.Reason);
        var producers = await ArrangeAsync(["Quinua Alta Cooperativa", "Mujeres de Ñuñoa", "Zapallos Mujer Andina"]);

        var found = await FindAsync(typed, producers);

        Assert.Equal(expected.Select(i => producers[i]).Order(), found.Order());
    }

    [Fact]
    public async Task A_renamed_producer_keeps_only_the_terms_of_its_new_name()
    {
        Assert.SkipUnless(database.Available, database.Reason);
        var producers = await ArrangeAsync(["Huerto Quillpa"]);
        await using (var db = database.NewContext())
        {
            var producer = await db.Producers.SingleAsync(p => p.Id == producers[0], Token);
            producer.DisplayName = "Huerto Wiñay";
            await db.SaveChangesAsync(Token);
        }

        Assert.Empty(await FindAsync("quillpa", producers));
        Assert.Equal(producers, await FindAsync("winay", producers));
    }

    private async Task<List<int>> FindAsync(string typed, List<int> among)
    {
        var (from, before) = SearchText.PrefixRange(ProducerSearchTerm.Cut(SearchText.Words(typed).Single()));
        await using var db = database.NewContext();
        return await db.ProducerSearchTerms
            .Where(t => among.Contains(t.ProducerId) && string.Compare(t.Term, from) >= 0 && string.Compare(t.Term, before) < 0)
            .Select(t => t.ProducerId).Distinct().ToListAsync(Token);
    }

    private async Task<List<int>> ArrangeAsync(string[] names)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var db = database.NewContext();
        var municipality = new Municipality
        {
            Region = new Region { Code = $"r-{tag}", Name = "Región", DefaultCulture = "es" },
            Code = $"m-{tag}", Name = "Municipio", TimeZoneId = "America/Lima", CurrencyCode = "PEN",
        };
        var producers = names.Select(name => new Producer { DisplayName = name, Municipality = municipality }).ToList();
        db.Producers.AddRange(producers);
        await db.SaveChangesAsync(Token);
        return producers.Select(p => p.Id).ToList();
    }
}
