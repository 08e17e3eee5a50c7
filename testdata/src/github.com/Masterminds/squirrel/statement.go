package squirrel

type StatementBuilderType struct{}

func (b StatementBuilderType) Select(columns ...string) SelectBuilder { return SelectBuilder{} }
func (b StatementBuilderType) Insert(into string) InsertBuilder       { return InsertBuilder{} }
func (b StatementBuilderType) Replace(into string) InsertBuilder      { return InsertBuilder{} }
func (b StatementBuilderType) Update(table string) UpdateBuilder      { return UpdateBuilder{} }
func (b StatementBuilderType) Delete(from string) DeleteBuilder       { return DeleteBuilder{} }
func (b StatementBuilderType) PlaceholderFormat(f PlaceholderFormat) StatementBuilderType {
	return b
}
func (b StatementBuilderType) RunWith(runner BaseRunner) StatementBuilderType { return b }
func (b StatementBuilderType) Where(pred interface{}, args ...interface{}) StatementBuilderType {
	return b
}

var StatementBuilder = StatementBuilderType{}.PlaceholderFormat(Question)

func Select(columns ...string) SelectBuilder { return SelectBuilder{} }
func Insert(into string) InsertBuilder       { return InsertBuilder{} }
func Replace(into string) InsertBuilder      { return InsertBuilder{} }
func Update(table string) UpdateBuilder      { return UpdateBuilder{} }
func Delete(from string) DeleteBuilder       { return DeleteBuilder{} }
