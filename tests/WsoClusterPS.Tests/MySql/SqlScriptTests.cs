using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Tests.Support;

namespace WsoClusterPS.Tests.MySql;

public class SqlScriptTests
{
    [Fact]
    public void Comments_of_every_kind_are_dropped_and_lines_are_kept()
    {
        var statements = SqlScript.Split("-- a comment; with a semicolon\n# another;\nCREATE TABLE A (X INT); /* block; */ CREATE TABLE B (\n  Y INT -- trailing\n);\n");
        Assert.Equal(["CREATE TABLE A (X INT)", "CREATE TABLE B (\n  Y INT \n)"], statements.Select(s => s.Text));
        Assert.Equal([3, 3], statements.Select(s => s.Line));
    }

    [Fact]
    public void Delimiters_inside_strings_and_identifiers_do_not_end_a_statement()
    {
        var statements = SqlScript.Split("INSERT INTO T VALUES ('a;b', \"c;d\", 'it''s; fine', 'back\\'slash;');\nCREATE TABLE `odd;name` (x INT);\n");
        Assert.Equal(2, statements.Count);
        Assert.Equal("INSERT INTO T VALUES ('a;b', \"c;d\", 'it''s; fine', 'back\\'slash;')", statements[0].Text);
        Assert.Equal(2, statements[1].Line);
    }

    [Fact]
    public void Delimiter_blocks_keep_procedure_bodies_whole()
    {
        var statements = SqlScript.Split("CREATE TABLE T (X INT);\nDELIMITER $$\nCREATE PROCEDURE P()\nBEGIN\n  DELETE FROM T;\n  SELECT 1;\nEND$$\nDELIMITER ;\nSELECT 2;\n");
        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE PROCEDURE P()\nBEGIN\n  DELETE FROM T;\n  SELECT 1;\nEND", statements[1].Text);
        Assert.Equal([1, 3, 9], statements.Select(s => s.Line));
    }

    [Fact]
    public void Two_dashes_without_a_space_are_an_operator_and_executable_comments_stay()
    {
        var statements = SqlScript.Split("SELECT 1--1;\n/*!40101 SET NAMES latin1 */;\n");
        Assert.Equal(["SELECT 1--1", "/*!40101 SET NAMES latin1 */"], statements.Select(s => s.Text));
    }

    [Fact]
    public void The_tables_a_script_creates_are_found()
    {
        var statements = SqlScript.Split("CREATE TABLE IF NOT EXISTS `A` (X INT);\ncreate table B (X INT);\nCREATE INDEX I ON A(X);\n");
        Assert.Equal(["A", "B"], SqlScript.CreatedTables(statements));
    }

    [SharedFixtureTheory]
    [InlineData("shared-db_mysql_kernel-4.10.42.sql")]
    [InlineData("identity-db_mysql_is-7.x.sql")]
    [InlineData("identity-db_mysql_is-7.0.sql")]
    public void Real_wso2_scripts_split_into_whole_statements(string script)
    {
        var statements = SqlScript.Split(File.ReadAllText(Path.Combine(Repo.SharedWso2, "dbscripts", script)));
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Matches(@"^(CREATE|INSERT|ALTER|DROP|SET|DELETE|UPDATE)\b", s.Text.ToUpperInvariant()));
        Assert.DoesNotContain(statements, s => s.Text.Contains("--") && s.Text.TrimStart().StartsWith("--"));
        Assert.True(SqlScript.CreatedTables(statements).Count > 10);
    }
}
