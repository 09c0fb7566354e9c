using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProducerSearchTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProducerSearchTerms",
                columns: table => new
                {
                    ProducerId = table.Column<int>(type: "int", nullable: false),
                    Term = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false, collation: "Latin1_General_100_BIN2")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProducerSearchTerms", x => new { x.ProducerId, x.Term });
                    table.ForeignKey(
                        name: "FK_ProducerSearchTerms_Producers_ProducerId",
                        column: x => x.ProducerId,
                        principalTable: "Producers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProducerSearchTerms_Term_ProducerId",
                table: "ProducerSearchTerms",
                columns: new[] { "Term", "ProducerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProducerSearchTerms");
        }
    }
}
